public import Identity

/// The principal of the request being served. OpenAPI handlers do not receive the Hummingbird
/// context, so the access middleware binds the checked principal to the task instead.
public enum Caller {
    @TaskLocal public static var principal: Principal?

    /// The caller, which the access middleware has already checked against the operation's rule.
    static func current() throws -> Principal {
        guard let principal else { throw IdentityError.unauthenticated }
        return principal
    }

    static func staffUser() throws -> StaffUserID {
        guard let id = try current().staffUserID else { throw RequestError.staffUserOnly }
        return id
    }

    static func customer() throws -> CustomerID {
        guard let id = try current().customerID else { throw RequestError.wrongPrincipal }
        return id
    }

    /// The seller a seller user acts for, and the user: every seller route scopes by this ID, never by
    /// one from the request.
    static func seller() throws -> (sellerID: String, userID: SellerUserID) {
        let principal = try current()
        guard let sellerID = principal.sellerID, let userID = principal.sellerUserID else {
            throw RequestError.wrongPrincipal
        }
        return (sellerID, userID)
    }
}
