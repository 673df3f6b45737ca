namespace Saas.Platform.Identity;

/// <summary>Claim types the platform relies on, whichever provider issued the token.</summary>
public static class SaasClaims
{
    /// <summary>Key of an authority the person may work in. Several values mean several memberships.</summary>
    public const string Tenant = "tenant";

    /// <summary>Role claim type after mapping (Keycloak realm and client roles end up here too).</summary>
    public const string Role = "role";

    /// <summary>Subject identifier.</summary>
    public const string Subject = "sub";

    /// <summary>
    /// The person's user name at the identity provider (Keycloak's <c>preferred_username</c>), when it differs from
    /// <see cref="Subject"/> (a UUID there). Configuration that names staff, such as surname ranges, uses it.
    /// </summary>
    public const string Username = "preferred_username";

    public const string Name = "name";

    /// <summary>Legal bases a caseworker may decide alone (Unterschriftsbefugnis), e.g. <c>AufenthG-18a</c>.</summary>
    public const string SigningAuthority = "signing_authority";

    /// <summary>
    /// How surely an applicant was identified: BundID's level as Keycloak passes it on (<c>STORK-QAA-Level-1</c> to
    /// <c>-4</c>), kept with what they submit (ADR 0043).
    /// </summary>
    public const string TrustLevel = "trust_level";

    /// <summary>Federal state a ministry analyst reports for, e.g. <c>NW</c>.</summary>
    public const string FederalState = "federal_state";
}

/// <summary>The platform's roles. Names are the same in Keycloak and in the embedded provider.</summary>
public static class SaasRoles
{
    public const string PlatformOperator = "platform-operator";
    public const string TenantAdmin = "tenant-admin";
    public const string Caseworker = "caseworker";
    public const string Applicant = "applicant";
    public const string MinistryAnalyst = "ministry-analyst";
    public const string Device = "device";

    public static readonly IReadOnlyList<string> All = [PlatformOperator, TenantAdmin, Caseworker, Applicant, MinistryAnalyst, Device];
}

/// <summary>Authorization policy names.</summary>
public static class SaasPolicies
{
    public const string Staff = "staff";
    public const string TenantAdmin = "tenant-admin";
    public const string PlatformOperator = "platform-operator";
    public const string Device = "device";

    /// <summary>A signed-in applicant (their own drafts and submissions, ADR 0043).</summary>
    public const string Applicant = "applicant";
}
