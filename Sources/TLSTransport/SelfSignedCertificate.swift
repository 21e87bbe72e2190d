import COpenSSL

/// Generates an ECDSA P-256 key and a self-signed X.509 v3 server certificate
/// for it, returned as PEM text. Used only for development certificates.
struct SelfSignedCertificate {
    var privateKeyPEM: [UInt8]
    var certificatePEM: [UInt8]

    static let commonName = "KLIPSO development certificate"
    static let organization = "KLIPSO"
    static let validityDays = 825

    init(hostnames: [String], ipAddresses: [String]) throws(TLSError) {
        ERR_clear_error()
        let key = try Self.generateP256Key()
        defer { EVP_PKEY_free(key) }
        guard let certificate = X509_new() else { throw TLSError.openSSL("X509_new failed") }
        defer { X509_free(certificate) }
        try Self.fill(certificate, key: key, hostnames: hostnames, ipAddresses: ipAddresses)
        guard X509_sign(certificate, key, EVP_sha256()) > 0 else {
            throw TLSError.openSSL("cannot sign the development certificate")
        }
        privateKeyPEM = try PEMText.write { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        certificatePEM = try PEMText.write { PEM_write_bio_X509($0, certificate) }
    }

    private static func generateP256Key() throws(TLSError) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw TLSError.openSSL("cannot create an EC key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
              EVP_PKEY_CTX_set_group_name(context, "P-256") == 1,
              EVP_PKEY_keygen(context, &key) == 1, let key else {
            throw TLSError.openSSL("cannot generate a P-256 key")
        }
        return key
    }

    private static func fill(_ certificate: OpaquePointer, key: OpaquePointer, hostnames: [String], ipAddresses: [String]) throws(TLSError) {
        guard X509_set_version(certificate, 2) == 1 else { throw TLSError.openSSL("cannot set X509 v3") }
        try setRandomSerial(certificate)
        // Backdated an hour so clocks slightly behind ours still accept it.
        guard X509_gmtime_adj(X509_getm_notBefore(certificate), -3600) != nil,
              X509_time_adj_ex(X509_getm_notAfter(certificate), Int32(validityDays), 0, nil) != nil else {
            throw TLSError.openSSL("cannot set the validity period")
        }
        guard let name = X509_get_subject_name(certificate),
              X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1,
              X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, organization, -1, -1, 0) == 1,
              X509_set_issuer_name(certificate, name) == 1 else {
            throw TLSError.openSSL("cannot set subject and issuer names")
        }
        guard X509_set_pubkey(certificate, key) == 1 else { throw TLSError.openSSL("cannot set the public key") }
        let alternativeNames = hostnames.map { "DNS:\($0)" } + ipAddresses.map { "IP:\($0)" }
        guard !alternativeNames.isEmpty else { throw TLSError("a development certificate needs at least one hostname or IP address") }
        let extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_key_usage, "critical,digitalSignature"),
            (NID_ext_key_usage, "serverAuth"),
            (NID_subject_key_identifier, "hash"),
            (NID_subject_alt_name, alternativeNames.joined(separator: ",")),
        ]
        for (nid, value) in extensions { try addExtension(nid, value, to: certificate) }
    }

    private static func setRandomSerial(_ certificate: OpaquePointer) throws(TLSError) {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { throw TLSError.openSSL("RAND_bytes failed") }
        bytes[0] &= 0x7F  // positive
        bytes[0] |= 0x40  // and a full 16 bytes long
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw TLSError.openSSL("BN_bin2bn failed") }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil else {
            throw TLSError.openSSL("cannot set the serial number")
        }
    }

    private static func addExtension(_ nid: Int32, _ value: String, to certificate: OpaquePointer) throws(TLSError) {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, certificate, certificate, nil, nil, 0)
        guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
            throw TLSError.openSSL("cannot build certificate extension \(value)")
        }
        defer { X509_EXTENSION_free(ext) }
        guard X509_add_ext(certificate, ext, -1) == 1 else { throw TLSError.openSSL("cannot add extension \(value)") }
    }
}

/// Runs a `PEM_write_bio_*` call against a memory BIO and returns the text.
enum PEMText {
    static func write(_ writer: (OpaquePointer) -> Int32) throws(TLSError) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw TLSError.openSSL("BIO_new failed") }
        defer { BIO_free(bio) }
        guard writer(bio) == 1 else { throw TLSError.openSSL("cannot encode PEM") }
        let length = Int(klipso_BIO_pending(bio))
        var text = [UInt8](repeating: 0, count: length)
        let read = text.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(length)) }
        guard read == Int32(length) else { throw TLSError.openSSL("cannot read PEM from memory") }
        return text
    }
}
