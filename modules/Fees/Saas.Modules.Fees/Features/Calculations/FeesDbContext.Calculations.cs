namespace Saas.Modules.Fees;

internal sealed partial class FeesDbContext
{
    public DbSet<Features.Calculations.FeeCalculation> Calculations => Set<Features.Calculations.FeeCalculation>();
}
