using BenchmarkDotNet.Running;
using CommitLab.Benchmarks;

return args.FirstOrDefault() switch
{
    "explore" => Explore.Run(),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
