print("ws-bench")
