namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>
/// An xdomea confirmation of a hand-over (0402 import, 0403 receipt) as this authority wrote it (<c>out</c>: it
/// received the file) or read it (<c>in</c>: it handed the file over), with the message as it was (migration 0020).
/// </summary>
internal sealed class TransferConfirmationRecord : ITenantOwned
{
    public const string Out = "out";
    public const string In = "in";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid TransferId { get; set; }

    public string Direction { get; set; } = Out;

    /// <summary><c>0402</c> or <c>0403</c>.</summary>
    public string MessageType { get; set; } = "";

    public Guid ProcessId { get; set; }

    /// <summary>0402 only: whether the file was taken over.</summary>
    public bool? Succeeded { get; set; }

    /// <summary>The message's <c>Erstellungszeitpunkt</c>.</summary>
    public DateTimeOffset ConfirmedAt { get; set; }

    public string MessageXml { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
