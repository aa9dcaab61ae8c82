import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Identity {
    /// Registers a shopper. The outcome tells the caller whether an account was created, but the
    /// HTTP answer is the same either way; the password is hashed in both cases so timing agrees too.
    public func registerCustomer(
        email: String, password: String, name: String, requestID: String?, in database: Database
    )
        async throws -> Registration
    {
        let email = Credentials.normalizedEmail(email)
        var validator = Validator()
        Credentials.checkEmail(email, at: "/email", into: &validator)
        Credentials.checkPassword(password, at: "/password", into: &validator)
        Credentials.checkName(name, at: "/name", into: &validator)
        try validator.finish()

        let hash = try await passwords.hash(password)
        let now = self.now
        let id = CustomerID.generate(ids, at: now)
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await database.inTransaction { db in
            let inserted = try await db.raw(
                """
                INSERT INTO identity_customers (id, email, name, password_hash, created_at, password_changed_at)
                VALUES (\(bind: id.rawValue), \(bind: email), \(bind: name), \(bind: hash), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
                ON CONFLICT (email) DO NOTHING RETURNING id
                """
            ).all()
            guard !inserted.isEmpty else { return .alreadyRegistered }
            try await outbox.append(
                CustomerRegistered(customerID: id.rawValue, email: email, name: name), on: db, requestID: requestID)
            return .created(CustomerAccount(id: id, email: email, name: name, createdAt: now))
        }
    }

    /// Signs a shopper in with a new session token.
    public func loginCustomer(
        email: String, password: String, in database: Database
    ) async throws
        -> (IssuedSession, CustomerAccount)
    {
        let email = Credentials.normalizedEmail(email)
        try await requireSignInAllowed(.customer, email: email, in: database)
        let row = try await database.read { db in
            try await db.raw(
                "SELECT id, email, name, password_hash, created_at FROM identity_customers WHERE email = \(bind: email)"
            ).first()
        }
        let stored = try row?.decode(column: "password_hash", as: String.self)
        let matches = try await passwords.verify(password, stored ?? passwords.decoyHash)
        guard matches, let row else {
            try await recordSignInFailure(.customer, email: email, in: database)
            throw IdentityError.invalidCredentials
        }
        let account = try customerAccount(from: row)
        let lifetime = customerSessionLifetime
        let session = try await database.inTransaction { db in
            try await clearSignInFailures(.customer, email: email, on: db)
            return try await issueSession(for: .customer, id: account.id.rawValue, lifetime: lifetime, on: db)
        }
        return (session, account)
    }

    /// Changes a shopper's password: every session ends (a thief's too) and a fresh one is issued.
    public func changeCustomerPassword(
        _ id: CustomerID, current: String, new: String, in database: Database
    )
        async throws -> IssuedSession
    {
        try await changePassword(
            of: .customer, id: id.rawValue, current: current, new: new,
            by: AuditActor(kind: "customer", id: id.rawValue), in: database)
    }

    public func customer(_ id: CustomerID, on db: any SQLDatabase) async throws -> CustomerAccount {
        guard
            let row = try await db.raw(
                "SELECT id, email, name, created_at FROM identity_customers WHERE id = \(bind: id.rawValue)"
            ).first()
        else { throw IdentityError.customerNotFound }
        return try customerAccount(from: row)
    }

    /// The account with this e-mail address (compared as sign-in compares it), or nil.
    public func customer(email: String, on db: any SQLDatabase) async throws -> CustomerAccount? {
        try await db.raw(
            """
            SELECT id, email, name, created_at FROM identity_customers
            WHERE email = \(bind: Credentials.normalizedEmail(email))
            """
        ).first().map(customerAccount(from:))
    }

    /// Customer accounts in creation order, for staff with `identity.customers.read`.
    public func customers(
        after cursor: CustomerID?, limit: Int, on db: any SQLDatabase
    ) async throws -> [CustomerAccount] {
        try await db.raw(
            """
            SELECT id, email, name, created_at FROM identity_customers
            WHERE id > \(bind: cursor?.rawValue ?? "") ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(customerAccount(from:))
    }

    private func customerAccount(from row: any SQLRow) throws -> CustomerAccount {
        CustomerAccount(
            id: try row.id("id", as: CustomerID.self),
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            createdAt: try row.date("created_at"))
    }
}
