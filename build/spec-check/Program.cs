using System;
using System.Threading.Tasks;

namespace Sinch.Verification.SpecCheck;

/// <summary>
/// <c>SpecCheck &lt;spec.yaml&gt; &lt;openapi-3.0.schema.json&gt;</c>: prints the spec's first problem as one
/// MSBuild canonical error (<c>path(line,col): error SINCHSPEC: message</c>, which the Exec task in
/// build/CodeGeneration.targets turns into a build error with its position) and exits 1, or exits 0.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: SpecCheck <spec.yaml> <openapi-3.0.schema.json>");
            return 2;
        }

        var problem = await SpecChecker.CheckAsync(args[0], args[1]);
        if (problem is null)
        {
            return 0;
        }

        Console.WriteLine(problem.ToMSBuildError(args[0]));
        return 1;
    }
}
