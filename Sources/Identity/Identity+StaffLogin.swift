public import Persistence
import SQLKit
public import TorvCore

extension Identity {
    /// Checks a staff user's password. Unknown e-mail, wrong password and disabled account all fail
    /// the same way, after the same bcrypt work.
    public func loginStaff(email: String, password: String, in database: Database) async throws -> StaffLogin {
        let email = Credentials.normalizedEmail(email)
        try await requireSignInAllowed(.staff, email: email, in: database)
        let row = try await database.read { db in
            try await db.raw(
                """
                SELECT id, password_hash, totp_secret, disabled_at FROM identity_staff_users WHERE email = \(bind: email)
                """
            ).first()
        }
        let stored = try row?.decode(column: "password_hash", as: String.self)
        let matches = try await passwords.verify(password, stored ?? passwords.decoyHash)
        guard matches, let row, try row.optionalDate("disabled_at") == nil else {
            try await recordSignInFailure(.staff, email: email, in: database)
            throw IdentityError.invalidCredentials
        }
        let id = try row.id("id", as: StaffUserID.self)
        let hasSecondFactor = try row.decode(column: "totp_secret", as: String?.self) != nil
        let staffLifetime = staffSessionLifetime
        let challengeLifetime = secondFactorWindow

        return try await database.inTransaction { db in
            try await clearSignInFailures(.staff, email: email, on: db)
            if hasSecondFactor {
                let challenge = try await issueSession(
                    for: .staff, id: id.rawValue, stage: "second_factor", lifetime: challengeLifetime, on: db)
                return .secondFactorRequired(challenge: challenge.token, expiresAt: challenge.expiresAt)
            }
            let session = try await issueSession(for: .staff, id: id.rawValue, lifetime: staffLifetime, on: db)
            try await audit.record(
                "staff.signed_in", by: AuditActor(kind: "staff", id: id.rawValue, requestID: nil),
                target: ("staff_user", id.rawValue), on: db)
            return .signedIn(session, try await staffUser(id, on: db))
        }
    }

    /// Finishes a two-factor login with the code from the authenticator app. A code is accepted once
    /// (replay protection by the last used time step), and a challenge dies after five wrong codes.
    public func completeStaffLogin(
        challenge: String, code: String, requestID: String?, in database: Database
    )
        async throws -> (IssuedSession, StaffUser)
    {
        guard TokenKind.of(challenge) == .secondFactorChallenge else { throw IdentityError.invalidSecondFactor }
        let now = self.now
        let lifetime = staffSessionLifetime
        let outcome: Result<(IssuedSession, StaffUser), IdentityError> = try await database.inTransaction { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT s.id, s.principal_id, s.expires_at, s.revoked_at, s.failed_attempts,
                           u.totp_secret, u.totp_last_step, u.disabled_at
                    FROM identity_sessions s JOIN identity_staff_users u ON u.id = s.principal_id
                    WHERE s.token_digest = \(bind: SecretToken.digest(challenge)) AND s.stage = 'second_factor'
                    """
                ).first(),
                try row.optionalDate("revoked_at") == nil, try row.date("expires_at") > now,
                try row.optionalDate("disabled_at") == nil,
                let secretText = try row.decode(column: "totp_secret", as: String?.self),
                let secret = Base32.decode(secretText)
            else { return .failure(.invalidSecondFactor) }
            let sessionID = try row.id("id", as: SessionID.self)
            let staffID = try row.id("principal_id", as: StaffUserID.self)
            let lastStep = try row.decode(column: "totp_last_step", as: Int64.self)

            guard let step = TOTP(secret: secret).matchingStep(for: code, at: now), step > lastStep,
                try await !db.raw(
                    """
                    UPDATE identity_staff_users SET totp_last_step = \(bind: step)
                    WHERE id = \(bind: staffID.rawValue) AND totp_last_step < \(bind: step) RETURNING id
                    """
                ).all().isEmpty
            else {
                // Recorded and committed, so the attempt counts even though the login fails.
                let failures = try row.decode(column: "failed_attempts", as: Int.self) + 1
                try await db.raw(
                    """
                    UPDATE identity_sessions SET failed_attempts = \(bind: failures),
                        revoked_at = \(bind: failures >= 5 ? now.epochMicroseconds : nil)
                    WHERE id = \(bind: sessionID.rawValue)
                    """
                ).run()
                return .failure(.invalidSecondFactor)
            }
            try await endSession(sessionID, on: db)
            let session = try await issueSession(for: .staff, id: staffID.rawValue, lifetime: lifetime, on: db)
            try await audit.record(
                "staff.signed_in", by: AuditActor(kind: "staff", id: staffID.rawValue, requestID: requestID),
                target: ("staff_user", staffID.rawValue), detail: ["second_factor": "totp"], on: db)
            return .success((session, try await staffUser(staffID, on: db)))
        }
        return try outcome.get()
    }

    /// Starts two-factor set-up: a new secret, stored as pending until a first code confirms it.
    public func beginTwoFactorEnrollment(for id: StaffUserID, in database: Database) async throws -> TOTPEnrollment {
        let secret = TOTP.generateSecret()
        let encoded = Base32.encode(secret)
        let email: String = try await database.inTransaction { db in
            let user = try await staffUser(id, on: db)
            guard !user.twoFactorEnabled else { throw IdentityError.twoFactorAlreadyEnabled }
            try await db.raw(
                "UPDATE identity_staff_users SET totp_pending_secret = \(bind: encoded) WHERE id = \(bind: id.rawValue)"
            ).run()
            return user.email
        }
        return TOTPEnrollment(
            secret: encoded, provisioningURI: TOTP(secret: secret).provisioningURI(account: email, issuer: issuer))
    }

    /// Turns two-factor login on once the user proves their app shows the right code.
    public func confirmTwoFactorEnrollment(
        for id: StaffUserID, code: String, by actor: AuditActor, in database: Database
    )
        async throws -> StaffUser
    {
        let now = self.now
        return try await database.inTransaction { db in
            guard
                let pending = try await db.raw(
                    "SELECT totp_pending_secret FROM identity_staff_users WHERE id = \(bind: id.rawValue)"
                ).first(decodingColumn: "totp_pending_secret", as: String?.self) ?? nil,
                let secret = Base32.decode(pending)
            else { throw IdentityError.twoFactorNotPending }
            guard let step = TOTP(secret: secret).matchingStep(for: code, at: now) else {
                throw IdentityError.invalidSecondFactor
            }
            try await db.raw(
                """
                UPDATE identity_staff_users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
                    totp_last_step = \(bind: step)
                WHERE id = \(bind: id.rawValue)
                """
            ).run()
            try await audit.record("staff.two_factor_enabled", by: actor, target: ("staff_user", id.rawValue), on: db)
            return try await staffUser(id, on: db)
        }
    }
}
