/// Where a page may send the browser after a form (`?next=` after signing in): a path on this site
/// only, under `prefix`, never another site (`//evil.example`, `/\evil.example`, `https://…`) and never
/// a header break. Both the shop's and the console's sign-in use it.
enum LocalRedirect {
    static func path(_ next: String?, under prefix: String = "/") -> String? {
        guard let next, next.hasPrefix(prefix), next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.contains("://"), !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        return next
    }
}
