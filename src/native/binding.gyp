{
  "targets": [
    {
      "target_name": "pulse_fs",
      "sources": ["pulse-fs.c", "markdown-scan.c", "batch-read.c", "ndjson-lines.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "libraries": ["-lpthread"]
    }
  ]
}
