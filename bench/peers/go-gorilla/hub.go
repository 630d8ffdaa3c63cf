package main

import "github.com/gorilla/websocket"

// roomMessage is one chat message for a room, its frame built once.
type roomMessage struct {
	sender  *Client
	room    string
	message *websocket.PreparedMessage
}

// joinRequest asks the hub to put a client in a room.
type joinRequest struct {
	client *Client
	room   string
}

// reply is a frame for one client only (joined, error).
type reply struct {
	client  *Client
	message *websocket.PreparedMessage
}

// Hub owns the rooms and is the only goroutine that writes to (and closes)
// the clients' send channels, as in gorilla's chat example.
type Hub struct {
	rooms      map[string]map[*Client]bool
	clients    map[*Client]bool
	register   chan *Client
	unregister chan *Client
	join       chan joinRequest
	broadcast  chan roomMessage
	reply      chan reply
}

func newHub() *Hub {
	return &Hub{
		rooms:      make(map[string]map[*Client]bool),
		clients:    make(map[*Client]bool),
		register:   make(chan *Client),
		unregister: make(chan *Client),
		join:       make(chan joinRequest),
		broadcast:  make(chan roomMessage, 256),
		reply:      make(chan reply, 256),
	}
}

func (h *Hub) run() {
	for {
		select {
		case client := <-h.register:
			h.clients[client] = true
			h.deliver(client, event(map[string]any{"type": "welcome", "id": client.id}))
		case client := <-h.unregister:
			h.drop(client)
		case request := <-h.join:
			h.addMember(request.client, request.room)
		case message := <-h.broadcast:
			h.fanOut(message)
		case r := <-h.reply:
			h.deliver(r.client, r.message)
		}
	}
}

func (h *Hub) addMember(client *Client, room string) {
	if !h.clients[client] {
		return
	}
	members := h.rooms[room]
	if members == nil {
		members = make(map[*Client]bool)
		h.rooms[room] = members
	}
	members[client] = true
	client.rooms[room] = true
	h.deliver(client, event(map[string]any{"type": "joined", "room": room, "members": len(members)}))
}

func (h *Hub) fanOut(message roomMessage) {
	members := h.rooms[message.room]
	if !members[message.sender] {
		h.deliver(message.sender, errorEvent("not a member of room"))
		return
	}
	for member := range members {
		h.deliver(member, message.message)
	}
}

// deliver queues a frame; a client whose queue is full is dropped, the
// example's rule for slow clients.
func (h *Hub) deliver(client *Client, message *websocket.PreparedMessage) {
	if !h.clients[client] {
		return
	}
	select {
	case client.send <- message:
	default:
		h.drop(client)
	}
}

func (h *Hub) drop(client *Client) {
	if !h.clients[client] {
		return
	}
	delete(h.clients, client)
	for room := range client.rooms {
		delete(h.rooms[room], client)
		if len(h.rooms[room]) == 0 {
			delete(h.rooms, room)
		}
	}
	close(client.send)
}
