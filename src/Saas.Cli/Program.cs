using Saas.Cli.Commands;

// `saas`: the platform's command line. Each command lives in its own file under Commands/ and is
// registered here, in one line.
var root = new RootCommand("Plattform der Ausländerbehörden — operations");
root.Subcommands.Add(TenantCommands.Create());
root.Subcommands.Add(DatabaseCommands.Create());
root.Subcommands.Add(DatabaseCommands.Seed());
root.Subcommands.Add(AuditCommands.Create());
root.Subcommands.Add(SearchCommands.Create());
root.Subcommands.Add(FormsCommands.Create());
return await root.Parse(args).InvokeAsync();
