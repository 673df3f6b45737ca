using Microsoft.AspNetCore.Authorization;
using Saas.Host.Operator;

namespace Saas.Host.Pages.Operator;

/// <summary>
/// The platform operator's page, outside every authority: the authorities with their hosts and modules, a form to
/// create one from a template or by copying another's configuration, and a form per authority to switch modules and
/// set hosts. It binds, calls the use cases the operator API calls, and redirects after a change; refused input
/// comes back with the message under its field and everything typed kept.
/// </summary>
[Authorize(Policy = SaasPolicies.PlatformOperator)]
internal sealed class IndexModel(ListAuthorities list, CreateAuthority create, ChangeAuthorityProfile change) : PageModel
{
    public OperatorChoices Choices { get; private set; } = new([], [], []);

    [BindProperty]
    public NewAuthorityForm New { get; set; } = new();

    [BindProperty]
    public ProfileForm Profile { get; set; } = new();

    /// <summary>The authority whose profile form failed (its errors show there), or null.</summary>
    public string? FailedProfile { get; private set; }

    /// <summary>Field name → messages of the form that failed.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? ProblemTitle { get; private set; }

    public string? ProblemDetail { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await list.ExecuteAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        try
        {
            var created = await create.ExecuteAsync(new CreateAuthorityRequest(New.Key, New.Name, New.OfficialKey, New.FederalState,
                AuthorityInput.SplitHosts(New.Hosts), New.Modules, New.Source == "template" ? New.Template : null,
                New.Source == "copy" ? New.CopyOf : null), ct);
            Message = L.T("host.operator.created", ("name", created.Name), ("key", created.Key));
            return RedirectToPage("/Operator/Index");
        }
        catch (SaasProblemException problem)
        {
            Show(problem);
        }

        Choices = await list.ExecuteAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        try
        {
            var changed = await change.ExecuteAsync(new ChangeAuthorityProfileRequest(Profile.Key, AuthorityInput.SplitHosts(Profile.Hosts), Profile.Modules), ct);
            Message = L.T("host.operator.changed", ("name", changed.Name));
            return RedirectToPage("/Operator/Index", null, null, "authority-" + changed.Key);
        }
        catch (SaasProblemException problem)
        {
            FailedProfile = Profile.Key;
            Show(problem);
        }

        Choices = await list.ExecuteAsync(ct);
        return Page();
    }

    public IEnumerable<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    private void Show(SaasProblemException problem)
    {
        Response.StatusCode = problem.Status;
        ProblemTitle = L.T(problem.Title);
        ProblemDetail = problem.Errors is null ? problem.Detail : null;
        Errors = problem.Errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>The create form as posted.</summary>
    public sealed class NewAuthorityForm
    {
        public string Key { get; set; } = "";

        public string Name { get; set; } = "";

        public string OfficialKey { get; set; } = "";

        public string FederalState { get; set; } = "";

        public string? Hosts { get; set; }

        public List<string> Modules { get; set; } = [];

        /// <summary><c>template</c> or <c>copy</c>.</summary>
        public string Source { get; set; } = "template";

        public string? Template { get; set; }

        public string? CopyOf { get; set; }
    }

    /// <summary>One authority's profile form as posted.</summary>
    public sealed class ProfileForm
    {
        public string Key { get; set; } = "";

        public string? Hosts { get; set; }

        public List<string> Modules { get; set; } = [];
    }
}
