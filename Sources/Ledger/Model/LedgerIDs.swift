public import TorvCore

public enum JournalEntryPrefix: IDPrefix { public static let prefix = "jrn" }
/// One balanced journal entry of the general ledger.
public typealias JournalEntryID = TypedID<JournalEntryPrefix>
