using Saas.Platform.Outbox;

namespace Saas.Platform.Mail;

/// <summary>
/// An e-mail to a person that carries no personal data, only a link (issue 14, item 6; docs/adr/0034): its subject and
/// body are the texts <c>{Kind}.subject</c> and <c>{Kind}.body</c> in the recipient's language, whose only argument is the
/// authority's name, followed by the link on a line of its own. Whatever the person must read — a message, a decision,
/// an appointment — stays behind the link, where they sign in or hold the link's secret. It travels through the outbox,
/// so it is sent only when the change that caused it commits, and again after a failure.
/// </summary>
public sealed record MailNotification(Guid EventId, Guid TenantId, DateTimeOffset OccurredAt, string To, string Language, string Kind, string Link)
    : IIntegrationEvent;

public static class MailNotificationExtensions
{
    private const int MaxAddressLength = 254;
    private const int MaxLinkLength = 2000;

    /// <summary>
    /// Adds a notification to the context's unit of work. Refuses what cannot be a notification: an address that is not
    /// one, a kind that is not a text key, a link that is not an absolute http(s) address without credentials.
    /// </summary>
    public static MailNotification AddMailNotification(this TenantDbContext context, TimeProvider clock, string to, string language, string kind, Uri link)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(link);
        var tenant = context.CurrentTenantId;
        if (tenant == Guid.Empty)
        {
            throw new InvalidOperationException("A notification belongs to an authority; none is current.");
        }

        if (to.Length > MaxAddressLength || !MimeKit.MailboxAddress.TryParse(to, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("Not an e-mail address.", nameof(to));
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(kind, "^[a-z0-9]+(?:[.-][a-z0-9]+)+$"))
        {
            throw new ArgumentException("A notification's kind is a text key prefix such as 'appointments.mail.confirmed'.", nameof(kind));
        }

        if (!link.IsAbsoluteUri || link.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(link.UserInfo) || link.OriginalString.Length > MaxLinkLength)
        {
            throw new ArgumentException("A notification's link is an absolute http(s) address without credentials.", nameof(link));
        }

        var notification = new MailNotification(Guid.NewGuid(), tenant, clock.GetUtcNow(), address.Address, language, kind, link.AbsoluteUri);
        context.AddIntegrationEvent(notification);
        return notification;
    }
}
