using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Domain;

namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>
/// The way of a file: active → transferred (handed over), deleted (retention) or merged (into another file of the same
/// person). Only an active file takes documents, cases and changes; the other states are final.
/// </summary>
internal static class CaseFileStatus
{
    public const string Active = "active";
    public const string Transferred = "transferred";
    public const string Deleted = "deleted";
    public const string Merged = "merged";

    private static readonly Transitions Moves = new((Active, [Transferred, Deleted, Merged]), (Transferred, []), (Deleted, []), (Merged, []));

    public static bool CanBecome(string from, string to) => Moves.Allows(from, to);

    /// <summary>The 409 for a file that cannot make this move (it is merged, handed over or deleted).</summary>
    public static void EnsureCanBecome(CaseFile file, string to)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!CanBecome(file.Status, to))
        {
            throw CasesProblems.FileNotMergeable(file.Id, file.Status);
        }
    }

    /// <summary>The status as people read it (texts <c>cases.casefile.status.{status}</c>).</summary>
    public static LocalizedText Name(string status) => new("cases.casefile.status." + status);
}

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> builder) => builder.Property(f => f.Version).IsRowVersion();
}
