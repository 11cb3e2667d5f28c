/// The version of ReferralPolicy: the library, the `referral-policy` command
/// (`referral-policy --version`) and the tool named in its SARIF logs. Change it here only.
public enum ReferralPolicyVersion {
    /// Semantic version, `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
