// Command go-gorilla-peer serves the chat subset on / and an echo on /echo
// with gorilla/websocket, structured like gorilla's chat example.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{
	ReadBufferSize:  4096,
	WriteBufferSize: 4096,
	CheckOrigin:     func(*http.Request) bool { return true },
}

var nextID atomic.Int64

func serveChat(hub *Hub, sendQueue int, w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	id := "c" + strconv.FormatInt(nextID.Add(1), 10)
	client := &Client{hub: hub, conn: conn, send: make(chan *websocket.PreparedMessage, sendQueue), id: id, rooms: map[string]bool{}}
	hub.register <- client
	go client.writePump()
	go client.readPump()
}

func serveEcho(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	conn.SetReadLimit(maxMessageSize)
	for {
		kind, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := conn.WriteMessage(kind, data); err != nil {
			return
		}
	}
}

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 8080, "port to listen on")
	sendQueue := flag.Int("sendbuf", 256, "frames queued per client before it is dropped as slow (the example's 256)")
	flag.Parse()
	hub := newHub()
	go hub.run()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		serveChat(hub, *sendQueue, w, r)
	})
	mux.HandleFunc("/echo", serveEcho)
	listener, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("go-gorilla peer on ws://%s/\n", listener.Addr())
	log.Fatal(http.Serve(listener, mux))
}
