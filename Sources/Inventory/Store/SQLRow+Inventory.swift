import Foundation
import Persistence
import SQLKit
import TorvCore

extension Bool {
    /// The 0/1 form stored in flag columns.
    var flag: Int { self ? 1 : 0 }
}
