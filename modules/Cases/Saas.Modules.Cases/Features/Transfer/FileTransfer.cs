namespace Saas.Modules.Cases.Features.Transfer;

/// <summary>
/// One hand-over of a file as one authority saw it: <c>out</c> at the sender, <c>in</c> at the receiver. The
/// package itself is kept in the authority's blob store, so what was sent or received can be shown later.
/// </summary>
internal sealed class FileTransfer : ITenantOwned
{
    public const string Out = "out";
    public const string In = "in";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public Guid CaseFileId { get; set; }

    public string Direction { get; set; } = Out;

    /// <summary>
    /// The other authority: its key on the platform (the receiver of an <c>out</c>, the sender of an <c>in</c>), or,
    /// when <see cref="CounterpartOnPlatform"/> is false, the name of the body outside the platform.
    /// </summary>
    public string CounterpartAuthority { get; set; } = "";

    public bool CounterpartOnPlatform { get; set; } = true;

    public Guid MessageId { get; set; }

    public string? Reason { get; set; }

    public int DocumentCount { get; set; }

    public string PackageSha256 { get; set; } = "";

    public string PackageBlobKey { get; set; } = "";

    public long PackageLength { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
