import PackagePlugin

/// Embeds the files of a target's `Page` folder in its code: page-embedder
/// turns them into the string constants of a generated `PageFiles` enum
/// (`Page/chat.css` becomes `PageFiles.chatCSS`), rebuilt whenever a file
/// changes, so the binary serves them without touching the disk.
///
/// Not SwiftPM's `.embedInCode` resources: those are byte-array literals,
/// which cost the type checker seconds on every build that changes the page
/// (see `SwiftSource`).
@main
struct EmbedPage: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.map(\.url)
            .filter { $0.deletingLastPathComponent().lastPathComponent == "Page" }
            .sorted { $0.path < $1.path }
        guard !files.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "PageFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) page files in \(target.name)",
                executable: try context.tool(named: "page-embedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output])
        ]
    }
}
