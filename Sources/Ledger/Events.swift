public import Foundation
public import TorvCore

/// A journal entry was posted (`ledger.entry_posted`): reports and exports may refresh.
public struct EntryPosted: DomainEvent, Hashable {
    public static let eventType = "ledger.entry_posted"
    public let entryID: JournalEntryID
    public let sourceKey: String
    public let postingDate: Date
    public let reverses: JournalEntryID?
}
