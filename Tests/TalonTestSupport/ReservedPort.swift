import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback port held by a socket of this process, so no other test (or ephemeral bind) takes
/// it until `release()`: bound only, connecting to it is refused; `listening`, connections
/// complete but nothing ever accepts or answers them.
package final class ReservedPort: Sendable {
  package let port: Int
  private let descriptor: Mutex<Int32>

  package init(listening: Bool = false) throws {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw POSIXError(.EMFILE) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(socketFD, generic, length) == 0 && (!listening || listen(socketFD, 16) == 0)
          && getsockname(socketFD, generic, &length) == 0
      }
    }
    guard bound else {
      close(socketFD)
      throw POSIXError(.EADDRINUSE)
    }
    descriptor = Mutex(socketFD)
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  /// Gives the port back, e.g. so that a server can start listening on it.
  package func release() {
    descriptor.withLock { descriptor in
      if descriptor >= 0 {
        close(descriptor)
        descriptor = -1
      }
    }
  }

  deinit { release() }
}
