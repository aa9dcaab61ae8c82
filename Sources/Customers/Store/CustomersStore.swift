/// Customers' SQL, one extension per concern. Internal: other modules go through the ``Customers`` facade.
enum CustomersStore {}

extension Bool {
    /// The 0/1 form stored in flag columns.
    var flag: Int { self ? 1 : 0 }
}
