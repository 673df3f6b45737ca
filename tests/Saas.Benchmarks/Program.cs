using Saas.Benchmarks;

// Benchmarks print ratios against a baseline measured in the same run, because this machine is noisy.
// Usage: dotnet run -c Release --project tests/Saas.Benchmarks -- [query|tenants|search|persons|ingest|guards|transitions|booking|fees|forms|submit|all]
var which = args.FirstOrDefault() ?? "all";
var failed = false;
if (which is "query" or "all")
{
    failed |= !await TenantQueryBenchmark.RunAsync();
}

if (which is "tenants" or "all")
{
    failed |= !await ManyTenantsBenchmark.RunAsync();
}

if (which is "search" or "all")
{
    failed |= !await SearchBenchmark.RunAsync();
}

if (which is "persons" or "all")
{
    failed |= !await PersonSearchBenchmark.RunAsync();
}

if (which is "ingest" or "all")
{
    failed |= !await IngestBenchmark.RunAsync();
}

if (which is "guards" or "all")
{
    failed |= !await GuardsBenchmark.RunAsync();
}

if (which is "transitions" or "all")
{
    failed |= !await TransitionsBenchmark.RunAsync();
}

if (which is "booking" or "all")
{
    failed |= !await BookingBenchmark.RunAsync();
}

if (which is "fees" or "all")
{
    failed |= !await FeesBenchmark.RunAsync();
}

if (which is "forms" or "all")
{
    failed |= !await FormsBenchmark.RunAsync();
}

if (which is "submit" or "all")
{
    failed |= !await SubmitBenchmark.RunAsync();
}

return failed ? 1 : 0;
