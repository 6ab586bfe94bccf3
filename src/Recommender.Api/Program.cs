using System.CommandLine;
using Recommender.Api.Cli;

return await RecommenderCommandLine.InvokeAsync(args);
