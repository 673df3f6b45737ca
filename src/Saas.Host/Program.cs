using Saas.Host;
using Saas.Host.Identity;
using Saas.Host.Operations;
using Saas.Host.Operator;
using Saas.Host.Web;

var builder = WebApplication.CreateBuilder(args);

// The host's own texts (shell, portal, sign-in) join the kernel's and the modules' (docs/adr/0012).
Saas.Platform.Texts.TextCatalog.Include([typeof(HostModules).Assembly]);
builder.Services.AddSaasPlatform(builder.Configuration, HostModules.All, HostModules.HostMigrations);
// Identity first: its refusals (the embedded provider in Production) are the first an operator must see.
builder.Services.AddSaasIdentity(builder.Configuration, builder.Environment);
builder.Services.AddSaasOperations(builder.Configuration, builder.Environment);
builder.Services.AddOperatorConsole();
// Umlauts and other letters are written as they are, not as numeric entities.
builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
// Pages inside a module's assembly (the e-Akte workbench, the organisation admin) answer 404 where the authority has
// not switched the module on, like the module's endpoints (docs/adr/0008).
builder.Services.AddRazorPages().AddModulePages(HostModules.All);

var app = builder.Build();
// Forwarded headers from the configured proxies only (ForwardedHeaders:KnownProxies), before anything reads the address.
app.UseSaasTrustedProxies();
app.UseSaasPlatform();
app.MapSaasOperations();
if (app.Services.GetService<DemoUserDirectory>() is not null)
{
    AuthorizationEndpoints.Map(app);
}

LanguageEndpoints.Map(app);
// The embedded default's payment provider (docs/adr/0030): the XBezahldienste shape under /_local-pay/, outside any authority.
// Its payer page lets anyone mark a payment paid, so production maps it only when the operator asks for it explicitly.
if (!app.Environment.IsProduction() || app.Configuration.GetValue<bool>("Fees:Payments:EnableLocalProvider"))
{
    Saas.Modules.Fees.FeesModule.MapLocalPaymentProvider(app);
}
app.MapOperatorConsole();
app.MapRazorPages();
app.Run();

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
