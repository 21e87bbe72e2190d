import Testing

/// Parent of every TLSTransport suite. Serialized so the memory-footprint
/// measurement is not disturbed by this target's other tests.
@Suite(.serialized) struct TLSTransportTests {}
