import ArgumentParser
import TorvCore

/// Prints a domain error as its plain message (and field problems) instead of a Swift dump.
struct CommandFailure: Error, CustomStringConvertible {
    let error: any Error

    init(_ error: any Error) { self.error = error }

    var description: String {
        guard let domain = error as? any DomainError else { return String(describing: error) }
        let details = domain.fieldErrors.map { "  \($0.pointer): \($0.message)" }
        return ([domain.message] + details).joined(separator: "\n")
    }
}
