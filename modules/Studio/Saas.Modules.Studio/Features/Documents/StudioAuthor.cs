namespace Saas.Modules.Studio.Features.Documents;

/// <summary>
/// Who changes the configuration, as the history shows it: the signed-in person's display name (the <c>name</c> claim),
/// else their user name, else their subject — never a placeholder. The audit trail records the subject beside it.
/// </summary>
internal sealed class StudioAuthor(IHttpContextAccessor http, ICurrentActor actor)
{
    public string Name
    {
        get
        {
            var user = http.HttpContext?.User;
            var name = user?.FindFirst(SaasClaims.Name)?.Value ?? user?.FindFirst(SaasClaims.Username)?.Value;
            return string.IsNullOrWhiteSpace(name) ? actor.Id : name.Trim();
        }
    }
}
