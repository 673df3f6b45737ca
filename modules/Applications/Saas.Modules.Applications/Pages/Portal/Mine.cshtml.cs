using Microsoft.AspNetCore.Mvc;
using Saas.Modules.Applications.Features.Accounts;
using Saas.Modules.Applications.Features.Portal;

namespace Saas.Modules.Applications.Pages.Portal;

/// <summary>
/// <c>/antraege/meine</c>, "Meine Anträge" (docs/adr/0043): the signed-in applicant's drafts (to continue) and submitted
/// applications with their current status. A guest is sent to the sign-in first; staff are refused.
/// </summary>
internal sealed class MineModel(MyApplications mine, ResumeDraft resume, PublishedForms forms) : ApplicantPage
{
    public MyApplicationsView View { get; private set; } = null!;

    /// <summary>The form titles by key, in the reader's language (a form no longer published keeps its key).</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await mine.ListAsync(Applicant, ct);
        Titles = (await forms.ListAsync(ct)).ToDictionary(f => f.Key, f => FormView.Plain(f.Definition.Title), StringComparer.Ordinal);
        return Page();
    }

    /// <summary>Continues a draft with a new link (the old one stops working) at its first step.</summary>
    public async Task<IActionResult> OnPostResumeAsync(Guid draft, CancellationToken ct)
    {
        var (token, formKey) = await resume.ExecuteAsync(Applicant, draft, ct);
        var form = await forms.GetAsync(formKey, ct);
        return RedirectToPage("/Portal/Step", new { token, step = form.Layout.Steps[0] });
    }

    public string Title(string form) => Titles.TryGetValue(form, out var title) ? title : form;
}
