using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Saas.Platform.Outbox;

namespace Saas.Platform.Mail;

/// <summary>
/// Sends one <see cref="MailNotification"/> over SMTP with MailKit (docs/adr/0034): plain text in the recipient's
/// language, the authority's name as the sender's display name, the link on its own line, a Message-Id made from the
/// event's id (a redelivery after a crash carries the same id, so mail clients show it once) and the headers that mark
/// it as automatic. A link outside the platform's own addresses is never sent.
/// </summary>
internal sealed class SendMailNotification(IOptions<MailOptions> options, IConfiguration configuration, ICurrentTenant currentTenant, TextCatalog texts,
    ILogger<SendMailNotification> logger) : IIntegrationEventHandler<MailNotification>
{
    public async Task HandleAsync(MailNotification notification, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            // Not lost: the outbox tries again, and the operator sees the message waiting with this reason.
            throw new InvalidOperationException("Mail:Host is not configured; the notification waits in the outbox.");
        }

        var tenant = currentTenant.Tenant ?? throw new InvalidOperationException("A notification is sent inside its authority.");
        var link = new Uri(notification.Link);
        if (!IsOurs(link, tenant))
        {
            logger.LogError("Notification {EventId} of {Tenant} links to {Host}, which is not the platform's; it is not sent.", notification.EventId, tenant.Key, link.Host);
            throw new InvalidOperationException("The notification's link is not the platform's own address.");
        }

        var culture = CultureInfo.GetCultureInfo(texts.Languages.Any(l => l.Tag == notification.Language) ? notification.Language : TextCatalog.BaseLanguage);
        var authority = ("authority", (object?)tenant.Name);
        var from = MailboxAddress.Parse(settings.From);
        from.Name = tenant.Name;
        var message = new MimeMessage
        {
            Subject = texts.Format(LocalizedText.Of(notification.Kind + ".subject", authority), culture),
            MessageId = $"{notification.EventId:N}@{from.Domain}",
            Date = notification.OccurredAt,
            Body = new TextPart("plain")
            {
                Text = string.Join("\n\n", texts.Format(LocalizedText.Of(notification.Kind + ".body", authority), culture), link.AbsoluteUri,
                    texts.Format(LocalizedText.Of("platform.mail.footer", authority), culture)) + "\n",
            },
        };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(notification.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Content-Language", culture.Name);

        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        await smtp.ConnectAsync(settings.Host, settings.Port, settings.SocketOptions, ct);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await smtp.AuthenticateAsync(settings.Username, settings.Password ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
        logger.LogInformation("Notification {EventId} ({Kind}) of {Tenant} sent.", notification.EventId, notification.Kind, tenant.Key);
    }

    /// <summary>The platform's public address or one of the authority's own host names: nobody can make the platform mail a link to elsewhere.</summary>
    private bool IsOurs(Uri link, TenantInfo tenant)
    {
        var publicBase = configuration["Saas:PublicBaseUrl"] is { Length: > 0 } configured && Uri.TryCreate(configured, UriKind.Absolute, out var parsed) ? parsed : null;
        return publicBase is not null && string.Equals(link.Host, publicBase.Host, StringComparison.OrdinalIgnoreCase) && link.Port == publicBase.Port
            || tenant.Hosts.Contains(link.Host, StringComparer.OrdinalIgnoreCase);
    }
}
