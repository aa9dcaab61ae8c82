import HummingbirdBcrypt
public import Identity
import NIOPosix

extension PasswordHasher {
    /// bcrypt from hummingbird-auth, run on NIO's blocking thread pool: a hash at cost 12 takes about
    /// a quarter of a second of CPU, which must not stall the cooperative executor serving requests.
    /// Tests pass a low cost (4) to stay fast; production keeps 12.
    public static func bcrypt(cost: UInt8 = 12) -> PasswordHasher {
        PasswordHasher(
            hash: { password in
                try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
            },
            verify: { password, hash in
                try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
            },
            decoyHash: Bcrypt.hash("decoy-\(UInt64.random(in: .min ... .max))", cost: cost))
    }
}
