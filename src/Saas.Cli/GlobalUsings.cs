// Namespaces most files of this project use; a file names only what is particular to it.
global using Microsoft.Extensions.DependencyInjection;
global using System.CommandLine;
