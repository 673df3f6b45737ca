using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>
/// A document withdrawn from its file because the filing that put it there was wrong (<see cref="UndoInboxFiling"/>).
/// The row stays with its bytes, text and audit history (documents are immutable versions); two columns say who
/// withdrew it and when, and a named query filter hides it from every ordinary read of documents, so the file page,
/// the file's API and a hand-over no longer see it. Only the undo reads past the filter.
/// </summary>
internal sealed class DocumentWithdrawalConfiguration : IEntityTypeConfiguration<CaseDocument>
{
    public void Configure(EntityTypeBuilder<CaseDocument> builder)
    {
        builder.Property<DateTimeOffset?>(DocumentWithdrawal.At).HasColumnName("withdrawn_at");
        builder.Property<string?>(DocumentWithdrawal.By).HasColumnName("withdrawn_by");
        builder.HasQueryFilter(DocumentWithdrawal.FilterName, d => EF.Property<DateTimeOffset?>(d, DocumentWithdrawal.At) == null);
    }
}

internal static class DocumentWithdrawal
{
    /// <summary>The query filter's name: <c>IgnoreQueryFilters([FilterName])</c> reads withdrawn documents too.</summary>
    public const string FilterName = "withdrawn";

    public const string At = "WithdrawnAt";

    public const string By = "WithdrawnBy";
}
