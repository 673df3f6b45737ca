using System.Net.Mail;
using Microsoft.Extensions.Options;
using Saas.Platform.Mail;

namespace Saas.Modules.Applications.Features.Portal;

/// <param name="Step">The step the link opens.</param>
internal sealed record SendResumeLinkRequest(DraftRecord Draft, string Token, string Step, string? Email, string Language);

/// <summary>
/// Sends a draft's resume link to the address the applicant gives (docs/adr/0035, 0034): only the authority's name and
/// the link, in the draft's language, through the outbox; the address itself is not kept. At most
/// <c>Applications:MaxResumeMails</c> per draft, and the pages count against the client's limit.
/// </summary>
internal sealed class SendResumeLink(ApplicationsDbContext db, PublicLinks links, TimeProvider clock, IOptions<ApplicationsOptions> options)
{
    public const string Kind = "applications.mail.resume-link";

    public async Task ExecuteAsync(SendResumeLinkRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = (request.Email ?? "").Trim();
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            throw ApplicationsProblems.EmailInvalid();
        }

        if (request.Draft.ResumeMails >= options.Value.MaxResumeMails)
        {
            throw ApplicationsProblems.ResumeMailsExhausted(options.Value.MaxResumeMails);
        }

        var link = links.ToPortal($"antraege/entwurf/{request.Token}/{Uri.EscapeDataString(request.Step)}") ?? throw ApplicationsProblems.NoPublicAddress();
        request.Draft.ResumeMails++;
        db.AddMailNotification(clock, email, StartDraft.Language(request.Language), Kind, link);
        await db.SaveChangesAsync(ct);
    }
}
