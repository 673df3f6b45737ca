// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.AspNetCore.Http;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Logging;
global using Npgsql;
global using Saas.Platform.Data;
global using Saas.Platform.Errors;
global using Saas.Platform.Tenancy;
global using System.Collections.Concurrent;
global using System.Data.Common;
global using System.Globalization;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Saas.Platform.Texts;
