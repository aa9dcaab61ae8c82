/// How a division that does not come out even is settled in minor units.
///
/// Named after what happens to the magnitude, so negative amounts (refunds) round as the mirror image of
/// positive ones and a refund of a charge is exactly the charge's negation.
public enum MoneyRounding: Sendable, Hashable, CaseIterable {
    /// Nearest, with exact halves to the even neighbour (banker's rounding). The default because it has no
    /// upward bias when summing many tax lines.
    case halfEven
    /// Nearest, with exact halves away from zero; what most tax authorities mean by "commercial rounding".
    case halfUp
    /// Toward zero (truncation).
    case down
    /// Away from zero whenever anything remains.
    case up
}
