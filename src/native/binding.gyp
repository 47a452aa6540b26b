{
  "targets": [
    {
      "target_name": "pulse_fs",
      "sources": ["pulse-fs.c", "markdown-scan.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "libraries": ["-lpthread"]
    }
  ]
}
