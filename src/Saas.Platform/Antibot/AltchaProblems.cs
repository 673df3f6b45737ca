namespace Saas.Platform.Antibot;

/// <summary>The problems of the proof of work (texts <c>problem.altcha-*</c> in the platform's catalogue); the detail names the field.</summary>
public static class AltchaProblems
{
    public static SaasProblemException Missing() => Problem.BadRequest("altcha-missing", Altcha.Field);

    public static SaasProblemException Invalid() => Problem.BadRequest("altcha-invalid", Altcha.Field);

    public static SaasProblemException Expired() => Problem.BadRequest("altcha-expired", Altcha.Field);

    public static SaasProblemException Replayed() => Problem.Conflict("altcha-replayed", Altcha.Field);
}
