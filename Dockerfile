# A small image of the icsgov command: a static (musl) binary on Alpine, which keeps a shell
# for CI systems (GitLab) that run scripts in the image.
#
#   docker build -t icsgov .
#   docker run --rm -v "$PWD:/work" icsgov validate examples/lancashire-south-cumbria.json
FROM rust:1.95-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p icsgov-cli && strip target/release/icsgov

FROM alpine:3.22
COPY --from=build /src/target/release/icsgov /usr/local/bin/icsgov
COPY --from=build /src/LICENSE-MIT /src/LICENSE-APACHE /usr/share/doc/icsgov/
WORKDIR /work
ENTRYPOINT ["icsgov"]
CMD ["--help"]
