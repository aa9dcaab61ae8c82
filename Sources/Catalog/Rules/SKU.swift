/// Stock keeping units: what warehouses, feeds and marketplaces key on.
public enum SKU {
    /// Printable ASCII without spaces, 1–64 characters: SKUs travel through labels, scanners and CSV
    /// files, where anything else breaks somewhere.
    public static func isValid(_ sku: String) -> Bool {
        !sku.isEmpty && sku.utf8.count <= 64 && sku.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// Uniqueness ignores case: `tee-m` and `TEE-M` would be confused on every pick list.
    public static func key(_ sku: String) -> String {
        sku.uppercased()
    }
}
