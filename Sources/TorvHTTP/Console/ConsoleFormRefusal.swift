import Foundation
import HTTPTypes
import TorvCore

/// Which refusals of a console form are shown next to the form (the input or the record's state was the
/// problem, and staff can act on the message) and how they read. Anything else (not found, a provider
/// down) becomes an error page.
enum ConsoleFormRefusal {
    static func status(of error: any DomainError) -> HTTPResponse.Status? {
        switch error.kind {
        case .invalid, .unprocessable: .unprocessableContent
        case .conflict: .conflict
        default: nil
        }
    }

    /// ``status(of:)`` for forms where a permission refusal is also something staff can act on (ask for
    /// fewer permissions or other roles): it is shown beside the form too.
    static func statusShowingForbidden(of error: any DomainError) -> HTTPResponse.Status? {
        status(of: error) ?? (error.kind == .forbidden ? .forbidden : nil)
    }

    /// Field errors become sentences that name the field in words (`/tracking_number` → "Tracking number").
    static func sentence(_ error: any DomainError) -> String {
        guard !error.fieldErrors.isEmpty else { return error.message }
        return error.fieldErrors.map { field in
            let label = field.pointer.split(separator: "/").last { Int($0) == nil }
                .map { $0.replacingOccurrences(of: "_", with: " ") }
            guard let label, !label.isEmpty else { return field.message }
            let sentence = label.prefix(1).uppercased() + label.dropFirst() + " " + field.message
            return sentence.hasSuffix(".") ? sentence : sentence + "."
        }
        .joined(separator: " ")
    }
}
