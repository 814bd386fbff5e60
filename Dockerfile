# syntax=docker/dockerfile:1
# Clearance Map server image. Build: docker build -t clearance-map .   (or docker compose build)

# 1. Browser libraries for the map page, from web/package-lock.json.
FROM node:20 AS web
WORKDIR /build/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The jar (migrations and map page inside). web/node_modules is copied in, so the pom's
#    npm-install profile (active only when web/node_modules/leaflet is missing) stays off.
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY sql ./sql
COPY web ./web
COPY --from=web /build/web/node_modules ./web/node_modules
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B --no-transfer-progress -DskipTests package

# 3. Runtime: the JRE, the jar, and GDAL's ogr2ogr for Shapefile/GeoPackage/KML uploads.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends gdal-bin \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /app --shell /usr/sbin/nologin clearance
WORKDIR /app
COPY --from=build /build/target/clearance-map.jar ./clearance-map.jar
USER clearance
# Inside a container the server must listen on all interfaces for the published port to reach it.
ENV PORT=7070 HOST=0.0.0.0
EXPOSE 7070
CMD ["java", "-jar", "clearance-map.jar"]
