using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Modules.Cases.Features.Transfer;

namespace Saas.Modules.Cases;

/// <summary>The hand-over's part of the module's context (docs/adr/0012).</summary>
internal sealed partial class CasesDbContext
{
    public DbSet<FileTransfer> Transfers => Set<FileTransfer>();

    public DbSet<TransferConfirmationRecord> TransferConfirmations => Set<TransferConfirmationRecord>();
}

internal sealed class FileTransferConfiguration : IEntityTypeConfiguration<FileTransfer>
{
    public void Configure(EntityTypeBuilder<FileTransfer> builder) => builder.ToTable("transfers", "cases");
}

internal sealed class TransferConfirmationRecordConfiguration : IEntityTypeConfiguration<TransferConfirmationRecord>
{
    public void Configure(EntityTypeBuilder<TransferConfirmationRecord> builder) => builder.ToTable("transfer_confirmations", "cases");
}
