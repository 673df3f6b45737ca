using Saas.Host;
using Saas.Host.Operations;
using Saas.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSaasPlatform(builder.Configuration, HostModules.All);
builder.Services.AddSaasOperations(builder.Configuration, builder.Environment);
builder.Services.AddRazorPages();

var app = builder.Build();
app.UseSaasPlatform();
app.MapSaasOperations();
app.MapRazorPages();
app.Run();

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
