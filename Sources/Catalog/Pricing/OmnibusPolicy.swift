/// How a shop applies the Omnibus prior-price rule (Directive 98/6/EC Art. 6a) and its optional
/// exceptions, which member states transpose differently: a value the shop configures per market.
///
/// The defaults follow the directive's text with every exception a member state may grant taken up.
/// Decoding fills a missing field with its default, so a stored policy survives new settings.
public struct OmnibusPolicy: Sendable, Hashable, Codable {
    /// The prior price is the lowest of at least this many days before the reduction (Art. 6a(2)).
    public var windowDays: Int
    /// Goods liable to deteriorate or expire rapidly may be reduced without a prior price (Art. 6a(3)).
    public var exemptsPerishables: Bool
    /// A product on sale for less than the window is measured since it was first offered, and says so
    /// (Art. 6a(4)); otherwise the full window is searched and named.
    public var newProductsSinceFirstOffered: Bool
    /// During an uninterrupted reduction that deepens in steps, every step is measured against the
    /// days before the first step (Art. 6a(5)).
    public var progressiveFromFirstReduction: Bool
    /// How far before a planned reduction ``FakeDiscountCheck`` looks for price raises; longer than
    /// `windowDays` catches a raise made just outside the window to hide the old price.
    public var raiseLookbackDays: Int

    public init(
        windowDays: Int = 30, exemptsPerishables: Bool = true, newProductsSinceFirstOffered: Bool = true,
        progressiveFromFirstReduction: Bool = true, raiseLookbackDays: Int = 30
    ) {
        self.windowDays = windowDays
        self.exemptsPerishables = exemptsPerishables
        self.newProductsSinceFirstOffered = newProductsSinceFirstOffered
        self.progressiveFromFirstReduction = progressiveFromFirstReduction
        self.raiseLookbackDays = raiseLookbackDays
    }

    /// The directive's text with every optional exception taken up.
    public static let standard = OmnibusPolicy()

    enum CodingKeys: String, CodingKey {
        case windowDays
        case exemptsPerishables
        case newProductsSinceFirstOffered
        case progressiveFromFirstReduction
        case raiseLookbackDays
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = OmnibusPolicy.standard
        self.init(
            windowDays: try container.decodeIfPresent(Int.self, forKey: .windowDays) ?? standard.windowDays,
            exemptsPerishables: try container.decodeIfPresent(Bool.self, forKey: .exemptsPerishables)
                ?? standard.exemptsPerishables,
            newProductsSinceFirstOffered: try container.decodeIfPresent(
                Bool.self, forKey: .newProductsSinceFirstOffered)
                ?? standard.newProductsSinceFirstOffered,
            progressiveFromFirstReduction: try container.decodeIfPresent(
                Bool.self, forKey: .progressiveFromFirstReduction) ?? standard.progressiveFromFirstReduction,
            raiseLookbackDays: try container.decodeIfPresent(Int.self, forKey: .raiseLookbackDays)
                ?? standard.raiseLookbackDays)
    }
}
