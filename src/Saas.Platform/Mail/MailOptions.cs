using MailKit.Security;

namespace Saas.Platform.Mail;

/// <summary>
/// The SMTP server the platform sends its e-mail through (section <c>Mail</c>, docs/adr/0034). In the embedded default
/// and in tests that is maildev on loopback, started by <c>scripts/mail.sh</c>; in production the operator's relay.
/// Without a host nothing is sent: notifications wait in the outbox and are retried until the server is configured.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server's host name; empty means mail is not configured.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (submission, the default), <c>SslOnConnect</c> (port 465) or <c>None</c> (loopback catchers only).</summary>
    public string Security { get; set; } = "StartTls";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address (an authority's no-reply mailbox at the operator's domain).</summary>
    public string From { get; set; } = "no-reply@localhost";

    public int TimeoutSeconds { get; set; } = 30;

    internal SecureSocketOptions SocketOptions => Security switch
    {
        "None" => SecureSocketOptions.None,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    public IEnumerable<string> Problems()
    {
        if (Security is not ("StartTls" or "SslOnConnect" or "None"))
        {
            yield return "Mail:Security must be StartTls, SslOnConnect or None.";
        }

        if (Port is < 1 or > 65535 || TimeoutSeconds is < 1 or > 300)
        {
            yield return "Mail:Port must be a TCP port and Mail:TimeoutSeconds between 1 and 300.";
        }

        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return "Mail:From must be an e-mail address.";
        }
    }
}
