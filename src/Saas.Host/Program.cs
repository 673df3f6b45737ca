using Saas.Modules.Organization;
using Saas.Platform.Hosting;
using Saas.Platform.Modules;

var builder = WebApplication.CreateBuilder(args);

// The composition root lists its modules explicitly: what runs is what is written here.
IModule[] modules =
[
    new OrganizationModule(),
];

builder.Services.AddSaasPlatform(builder.Configuration, modules);
builder.Services.AddRazorPages();

var app = builder.Build();
app.UseSaasPlatform();
app.MapRazorPages();
app.Run();

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
