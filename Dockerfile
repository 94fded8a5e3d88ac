# Builds the single Fenxiao binary with the web apps embedded.
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY web/ web/
COPY Makefile ./
RUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/* \
 && make web GO=true

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/ web/
RUN CGO_ENABLED=0 go build -tags webdist -trimpath -ldflags "-s -w" -o /out/fenxiao ./cmd/fenxiao

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/fenxiao /fenxiao
ENV FENXIAO_DATA_DIR=/data FENXIAO_ADDR=:8080
VOLUME /data
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/fenxiao"]
CMD ["serve"]
