// Preloaded (node --require) into a child whose peak memory a benchmark reports: prints it as the process exits.
process.on('exit', () => process.stderr.write(`max-rss-kib ${process.resourceUsage().maxRSS}\n`));
