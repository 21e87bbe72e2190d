// Placeholder: the epoll server is being written.
import HTTPCore
import TLSTransport
import CSystemShim
