namespace Saas.Modules.Fees;

internal sealed partial class FeesDbContext
{
    public DbSet<Features.Refunds.Refund> Refunds => Set<Features.Refunds.Refund>();
}
