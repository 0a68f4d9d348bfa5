using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Sinch.Verification.Emulator;
using Sinch.Verification.Generated.AspNetCore;

namespace Sinch.Verification.Generated.ApiTests.Conventions;

/// <summary>
/// Rules every shipped library keeps, checked by reflection over its public surface, generated
/// code included, so that a spec change or a new member cannot quietly break them. (Open value
/// sets are checked against the spec by <c>OpenValueSetTests</c> in Sinch.Verification.Generated.Tests:
/// every set of the spec is an <see cref="ExtensibleEnum"/> and reads an unknown value without
/// throwing. The rules below add what the spec cannot show.)
/// </summary>
[TestClass]
public sealed class ConventionTests
{
    private static readonly Assembly[] Shipped =
    {
        typeof(VerificationClient).Assembly,
        typeof(ISinchVerificationCallbackHandler).Assembly,
        typeof(VerificationEmulator).Assembly,
        typeof(Sinch.Verification.Generated.Guard.VerificationGuard).Assembly,
    };

    // Public enums are closed sets: fine for what the SDK itself defines, wrong for values the
    // server sends (a new one would fail the whole call). Each one is listed here on purpose.
    private static readonly string[] ClosedEnums =
    {
        "Sinch.Verification.Generated.VerificationAction",                     // allow/deny in a callback answer: closed in the spec on purpose
        "Sinch.Verification.Generated.VerificationAuthentication",             // SDK setting
        "Sinch.Verification.Generated.Callbacks.CallbackValidationReason",     // SDK result
        "Sinch.Verification.Generated.Guard.GuardFailureMode",                 // SDK setting
        "Sinch.Verification.Generated.Guard.GuardBreakerScope",                // SDK setting
        "Sinch.Verification.Generated.Guard.GuardNumberType",                  // libphonenumber's types, mapped (its own set, versioned with the package)
        "Sinch.Verification.Generated.Guard.GuardRefusalReason",               // SDK result
    };

    private static IEnumerable<Type> PublicTypes => Shipped.SelectMany(a => a.GetExportedTypes());

    private static IEnumerable<MethodInfo> PublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName);

    [TestMethod]
    public void Each_method_is_spelled_one_way_in_public_names()
    {
        // The C# name of each method is its x-enumNames entry (WhatsApp, FlashCall); a public
        // type or member may not spell it another way (Whatsapp, Flashcall).
        var spellings = typeof(VerificationMethod).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(VerificationMethod))
            .Select(p => p.Name)
            .ToList();
        Assert.Contains("WhatsApp", spellings);

        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            var names = new[] { type.Name }.Concat(type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => m.Name));
            foreach (var name in names.Distinct())
            {
                foreach (var spelling in spellings)
                {
                    var at = name.IndexOf(spelling, StringComparison.OrdinalIgnoreCase);
                    if (at >= 0 && string.CompareOrdinal(name, at, spelling, 0, spelling.Length) != 0 && spelling.Any(char.IsUpper) && spelling.Skip(1).Any(char.IsUpper))
                    {
                        offenders.Add($"{type.FullName}: {name} (spell it {spelling})");
                    }
                }
            }
        }

        Assert.IsEmpty(offenders, "one spelling per method: " + string.Join("; ", offenders));
    }

    [TestMethod]
    public void Every_public_async_method_takes_a_CancellationToken()
    {
        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            foreach (var method in PublicMethods(type).Where(IsAsync))
            {
                var parameters = method.GetParameters();
                var cancellable = parameters.Any(p => p.ParameterType == typeof(CancellationToken))
                    // ASP.NET Core's own convention: the context carries RequestAborted.
                    || parameters.Any(p => p.ParameterType == typeof(HttpContext));
                if (!cancellable && !ImplementsForeignContract(method))
                {
                    offenders.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        Assert.IsEmpty(offenders, "Public async methods without a CancellationToken parameter:\n" + string.Join("\n", offenders));
    }

    [TestMethod]
    public void The_check_for_CancellationToken_sees_the_generated_client()
    {
        var async = PublicMethods(typeof(VerificationClient)).Where(IsAsync).Select(m => m.Name).ToList();
        CollectionAssert.Contains(async, nameof(VerificationClient.StartVerificationAsync));
        Assert.IsGreaterThanOrEqualTo(6, async.Count, "one async method per operation of the spec");
    }

    [TestMethod]
    public void Every_client_class_has_an_interface_with_all_its_operations()
    {
        var clients = PublicTypes.Where(t => t.IsClass && !t.IsAbstract && t.Name.EndsWith("Client", StringComparison.Ordinal)).ToList();
        CollectionAssert.Contains(clients, typeof(VerificationClient));
        foreach (var client in clients)
        {
            var contract = client.GetInterface("I" + client.Name);
            Assert.IsNotNull(contract, $"{client.FullName} has no interface I{client.Name}: users cannot mock it.");
            Assert.IsTrue(contract.IsPublic, $"I{client.Name} is not public.");

            // The interface's own methods and those of the interfaces it extends (IGuardedVerificationClient : IVerificationClient).
            var implemented = new[] { contract }.Concat(contract.GetInterfaces()).SelectMany(i => client.GetInterfaceMap(i).TargetMethods).ToHashSet();
            var missing = PublicMethods(client)
                .Where(m => m.IsPublic && !m.IsStatic && IsAsync(m) && !implemented.Contains(m) && !ImplementsForeignContract(m))
                .Select(m => m.Name)
                .ToList();
            Assert.IsEmpty(missing, $"{client.Name} has operations its interface lacks: {string.Join(", ", missing)}");
        }
    }

    [TestMethod]
    public void Every_client_factory_hands_out_interfaces()
    {
        var factories = PublicTypes.Where(t => t.IsInterface && t.Name.EndsWith("ClientFactory", StringComparison.Ordinal)).ToList();
        CollectionAssert.Contains(factories, typeof(IVerificationClientFactory));
        foreach (var factory in factories)
        {
            foreach (var method in factory.GetMethods())
            {
                Assert.IsTrue(method.ReturnType.IsInterface, $"{factory.Name}.{method.Name} returns {method.ReturnType.Name}, not an interface.");
            }
        }
    }

    [TestMethod]
    public void Every_public_enum_is_a_closed_set_on_purpose()
    {
        var enums = PublicTypes.Where(t => t.IsEnum).Select(t => t.FullName!).ToList();
        CollectionAssert.AreEquivalent(
            ClosedEnums,
            enums,
            "A value the server sends must be an open set (ExtensibleEnum: KnownX + anyOf in the spec, see its header), never a C# enum. " +
            "An enum for the SDK's own settings or results goes into ClosedEnums here.");
    }

    [TestMethod]
    public void Every_generated_model_keeps_unknown_members()
    {
        var models = typeof(VerificationClient).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !typeof(ExtensibleEnum).IsAssignableFrom(t) && t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>()?.Tool == "NJsonSchema")
            .ToList();
        Assert.IsNotEmpty(models);
        var lacking = models
            .Where(t => t.GetProperty("AdditionalProperties")?.GetCustomAttribute<Newtonsoft.Json.JsonExtensionDataAttribute>() is null)
            .Select(t => t.Name)
            .ToList();
        Assert.IsEmpty(lacking, "Models without [JsonExtensionData] AdditionalProperties drop members the server adds: " + string.Join(", ", lacking));
    }

    [TestMethod]
    public void Every_public_method_parameter_has_an_idiomatic_name()
    {
        // Generated names come from the spec: a wire name that is not a C# identifier
        // (Accept-Language) becomes accept_Language unless the spec gives x-originalName.
        var offenders = (from type in PublicTypes
                         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                         from parameter in method.GetParameters()
                         where parameter.Name is null || !System.Text.RegularExpressions.Regex.IsMatch(parameter.Name, "^[a-z][A-Za-z0-9]*$")
                         select $"{type.Name}.{method.Name}({parameter.Name})").Distinct().ToList();
        Assert.IsEmpty(offenders, "Parameters must be lowerCamelCase; for a generated one, give its spec parameter x-originalName: " + string.Join(", ", offenders));
    }

    [TestMethod]
    public void No_public_signature_exposes_a_Polly_type()
    {
        // Resilience is configured through VerificationResilienceOptions; Polly (and how
        // Microsoft.Extensions.Http.Resilience uses it) stays an implementation detail users can
        // upgrade without us. Exceptions it throws (TimeoutRejectedException) are documented, not typed.
        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
            foreach (var member in members)
            {
                var types = member switch
                {
                    MethodBase m when m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly => m.GetParameters().Select(p => p.ParameterType).Append(m is MethodInfo i ? i.ReturnType : typeof(void)),
                    PropertyInfo p when p.GetMethod is { IsPublic: true } || p.SetMethod is { IsPublic: true } => new[] { p.PropertyType },
                    FieldInfo f when f.IsPublic || f.IsFamily => new[] { f.FieldType },
                    _ => Enumerable.Empty<Type>(),
                };
                if (types.Append(type.BaseType).Any(MentionsPolly))
                {
                    offenders.Add($"{type.FullName}.{member.Name}");
                }
            }
        }

        Assert.IsEmpty(offenders, "Public members with Polly types in their signature:\n" + string.Join("\n", offenders));
    }

    private static bool MentionsPolly(Type? type) =>
        type is not null && (type.Namespace?.StartsWith("Polly", StringComparison.Ordinal) == true
            || (type.IsGenericType && type.GetGenericArguments().Any(MentionsPolly))
            || (type.HasElementType && MentionsPolly(type.GetElementType())));

    private static bool IsAsync(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return true;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>);
    }

    // DisposeAsync, IHostedService.StopAsync and the like: the signature is the framework's.
    private static bool ImplementsForeignContract(MethodInfo method)
    {
        bool Foreign(Type t) => !Shipped.Contains(t.Assembly);

        if (method.GetBaseDefinition().DeclaringType is { } baseType && baseType != method.DeclaringType && Foreign(baseType))
        {
            return true;
        }

        var type = method.DeclaringType!;
        return !type.IsInterface && type.GetInterfaces().Where(Foreign).Any(i => type.GetInterfaceMap(i).TargetMethods.Contains(method));
    }
}
